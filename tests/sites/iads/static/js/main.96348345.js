/*! IADS website v3.2.0 | main bundle */
(function () {
  "use strict";
  var API = { news: "/api/news.json", about: "/api/about.json" };
  var PAGES = {"/governance": ["Governance", "IADS is governed by its General Assembly of members."], "/meetings": ["Meetings", "Our members meet at the Mid-Year Meeting and the Congress."], "/projects/exchange-programme": ["Exchange Programme", "Clinical and research exchanges."], "/projects/world-oral-health-day": ["World Oral Health Day", "Our campaign every March."], "/projects/smile-week": ["Smile Week", "Oral health education in schools."], "/committees/scientific": ["Scientific Committee", "Research, awards and publications."]};

  function h(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    (children || []).forEach(function (child) {
      if (child == null) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function navbar() {
    var links = [["/", "Home"], ["/about", "About"], ["/governance", "Governance"],
      ["/meetings", "Meetings"], ["/projects/exchange-programme", "Projects"],
      ["/committees/scientific", "Committees"]];
    return h("nav", { class: "navbar" }, links.map(function (l) {
      return h("a", { href: l[0] }, [l[1]]);
    }));
  }

  function footer() {
    return h("footer", { class: "site-footer" }, ["\u00a9 IADS \u2013 International Association of Dental Students"]);
  }

  function card(item) {
    return h("article", { class: "news-card", id: item.slug }, [
      h("span", { class: "news-card__tag" }, [item.category]),
      h("h3", { class: "news-card__title" }, [item.title]),
      h("p", { class: "news-card__date" }, [item.date]),
      h("p", { class: "news-card__summary" }, [item.summary]),
      item.link ? h("a", { class: "news-card__link", href: item.link }, ["Read more"]) : null
    ]);
  }

  function home(main) {
    return fetch(API.news).then(function (r) { return r.json(); }).then(function (news) {
      main.appendChild(h("h1", {}, ["International Association of Dental Students"]));
      main.appendChild(h("section", { class: "news" }, [
        h("h2", {}, ["Latest news"]),
        h("div", { class: "news-grid" }, news.map(card))
      ]));
    });
  }

  function about(main) {
    return fetch(API.about).then(function (r) { return r.json(); }).then(function (page) {
      main.appendChild(h("h1", {}, [page.title]));
      page.body.forEach(function (text) { main.appendChild(h("p", {}, [text])); });
      main.appendChild(h("ul", {}, page.objectives.map(function (o) { return h("li", {}, [o]); })));
    });
  }

  function plain(main, path) {
    var page = PAGES[path] || ["Page not found", "This page does not exist."];
    main.appendChild(h("h1", {}, [page[0]]));
    main.appendChild(h("p", {}, [page[1]]));
    return Promise.resolve();
  }

  function render() {
    var root = document.getElementById("root");
    var path = window.location.pathname.replace(/\/+$/, "") || "/";
    var main = h("main", { class: "page" }, []);
    root.appendChild(navbar());
    root.appendChild(main);
    root.appendChild(footer());
    var view = path === "/" ? home(main) : path === "/about" ? about(main) : plain(main, path);
    view.catch(function () { main.appendChild(h("p", {}, ["Something went wrong."])); });
  }

  render();
})();
