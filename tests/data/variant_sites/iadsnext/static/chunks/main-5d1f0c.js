/* the client bundle: renders pageProps into #__next */
