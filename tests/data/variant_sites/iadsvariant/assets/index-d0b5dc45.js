/* app bundle (variant): data compiled in */
const news = [
  { key: 'call-for-applications-iads-exchange-programme-2026', heading: 'Call for applications: IADS Exchange Programme 2026', when: new Date(2025, 11, 1), kind: 'Call', teaser: 'Dental students of our member associations can now apply for a clinical or research exchange in 2026. Local Exchange Officers receive the forms and the list of host universities this week.', to: '/projects/exchange-programme' },
  { key: 'one-health-day-2025-joint-statement-of-the-world-health-students-alliance', heading: 'One Health Day 2025: joint statement of the World Health Students\' Alliance', when: new Date(2025, 10, 3), kind: 'Statement', teaser: 'Together with IFMSA, IPSF and IVSA, IADS calls on health educators to teach the links between human, animal and environmental health, including the mouth as a mirror of general health.', to: null },
  { key: 'outcomes-of-the-iads-annual-world-dental-congress-2025', heading: 'Outcomes of the IADS Annual World Dental Congress 2025', when: new Date(2025, 8, 14), kind: 'Meeting', teaser: 'Delegates elected the new Executive Committee, adopted two policy statements on access to oral care and welcomed new member associations.', to: '/meetings' },
  { key: 'iads-at-the-78th-world-health-assembly', heading: 'IADS at the 78th World Health Assembly', when: new Date(2025, 4, 28), kind: 'Statement', teaser: 'Our delegation joined the WHSA students in Geneva and spoke for oral health in universal health coverage.', to: 'https://www.who.int/about/governance/world-health-assembly' },
  { key: 'highlights-of-the-iads-mid-year-meeting-2025', heading: 'Highlights of the IADS Mid-Year Meeting 2025', when: new Date(2025, 3, 7), kind: 'Meeting', teaser: 'Three days of workshops, committee sessions and a clinical skills competition brought our members together for the Mid-Year Meeting.', to: '/meetings' },
  { key: 'world-oral-health-day-2025', heading: 'World Oral Health Day 2025: a happy mouth is a happy mind', when: new Date(2025, 2, 20), kind: 'Campaign', teaser: 'Dental students in many countries ran screenings and school visits for World Oral Health Day on 20 March.', to: '/projects/world-oral-health-day' },
  { key: 'iads-research-award-2024', heading: 'The Scientific Committee opens the IADS Research Award 2024', when: new Date(2024, 4, 1), kind: 'Call', teaser: 'Undergraduate dental researchers can submit their abstracts until the end of June; the best three are presented at the Annual World Dental Congress.', to: '/committees/scientific' },
  { key: 'smile-week-2023', heading: 'Smile Week 2023: dental students teach oral health in schools', when: new Date(2023, 4, 1), kind: 'Campaign', teaser: 'During Smile Week our members visited primary schools to teach children how to brush and why sugar matters.', to: '/projects/smile-week' }
];
const aboutPage = {
  heading: 'About IADS',
  paragraphs: ['The International Association of Dental Students (IADS) is the international voice of dental students. Founded in 1951, IADS brings together national and local dental students\' associations to promote oral health, dental education and international exchange.', 'IADS is run by dental students for dental students. The Executive Committee and the standing committees work all year round, and the members meet twice a year: at the Mid-Year Meeting and at the Annual World Dental Congress.', 'Together with IFMSA, IPSF and IVSA, IADS is a member of the World Health Students\' Alliance (WHSA), which speaks for students of the health professions at the World Health Assembly and in other international forums.'],
  aims: ['To represent dental students and their associations worldwide', 'To promote and support exchanges of dental students between countries', 'To encourage oral health education, research and prevention', 'To work with organisations that share our commitment to oral and global health']
};
const pages = { '/governance': ['Governance', 'IADS is governed by its General Assembly of members.'], '/meetings': ['Meetings', 'Our members meet at the Mid-Year Meeting and the Congress.'], '/projects/exchange-programme': ['Exchange Programme', 'Clinical and research exchanges.'], '/projects/world-oral-health-day': ['World Oral Health Day', 'Our campaign every March.'], '/projects/smile-week': ['Smile Week', 'Oral health education in schools.'], '/committees/scientific': ['Scientific Committee', 'Research, awards and publications.'] };

function el(tag, props, ...kids) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) node.setAttribute(k, v);
  for (const kid of kids.flat()) {
    if (kid === null || kid === undefined) continue;
    node.append(typeof kid === "string" ? document.createTextNode(kid) : kid);
  }
  return node;
}

const dayFirst = (d) => `${d.getDate()}/${d.getMonth() + 1}/${d.getFullYear()}`;

function post(item) {
  return el("li", { class: "post-tile", id: item.key },
    el("h4", { class: "post-tile__heading" }, item.heading),
    el("small", { class: "post-tile__when" }, dayFirst(item.when)),
    el("div", { class: "post-tile__kind" }, item.kind),
    el("p", { class: "post-tile__teaser" }, item.teaser),
    item.to ? el("a", { href: item.to }, "Continue") : null);
}

function view(path) {
  if (path === "/") {
    return [el("h1", {}, "IADS"),
            el("div", { class: "feed" }, el("h2", {}, "What's new"),
               el("ul", { class: "post-list" }, news.map(post)))];
  }
  if (path === "/about") {
    return [el("h1", {}, aboutPage.heading),
            ...aboutPage.paragraphs.map((t) => el("p", {}, t)),
            el("ul", {}, aboutPage.aims.map((t) => el("li", {}, t)))];
  }
  const page = pages[path] || ["Not found", "No such page."];
  return [el("h1", {}, page[0]), el("p", {}, page[1])];
}

const mount = document.querySelector("#app");
const path = location.pathname.replace(/\/+$/, "") || "/";
mount.append(
  el("header", { class: "topbar" }, el("a", { href: "/" }, "IADS"), el("a", { href: "/about" }, "About us")),
  el("div", { class: "content" }, view(path)),
  el("footer", {}, "IADS"));
