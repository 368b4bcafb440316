/* Site chrome for the study guide (added by mlpro_guide/sphinx_site.py). */
(function () {
  "use strict";

  /* The theme's sidebar toggles are <summary> elements holding only an icon: screen
   * readers announce them as an unnamed control. Name each after the section it opens. */
  function nameNavigationToggles() {
    document.querySelectorAll("nav summary").forEach(function (summary) {
      if (summary.getAttribute("aria-label") || summary.textContent.trim()) {
        return;
      }
      var item = summary.closest("li");
      var link = item && item.querySelector(":scope > a");
      var section = link ? link.textContent.trim() : "this section";
      summary.setAttribute("aria-label", "Pages in " + section);
    });
  }

  /* The primary sidebar (book title, search button, table of contents) sits outside any
   * landmark; make it the site's navigation region. */
  function labelPrimarySidebar() {
    var sidebar = document.querySelector(".bd-sidebar-primary");
    if (sidebar && !sidebar.getAttribute("role")) {
      sidebar.setAttribute("role", "navigation");
      sidebar.setAttribute("aria-label", "Book");
    }
  }

  /* Tables the theme did not wrap (raw HTML such as the exam map, DataFrame outputs)
   * scroll inside a container of their own, so the page never gets wider than a phone. */
  function wrapWideTables() {
    document.querySelectorAll(".bd-article table").forEach(function (table) {
      if (table.closest(".pst-scrollable-table-container, .mlpro-table-scroll")) {
        return;
      }
      var box = document.createElement("div");
      box.className = "mlpro-table-scroll";
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    });
    /* A box that scrolls must be reachable by keyboard to be scrolled without a mouse. */
    document
      .querySelectorAll(".bd-article .mlpro-table-scroll, .bd-article .pst-scrollable-table-container")
      .forEach(function (box) {
        if (box.scrollWidth > box.clientWidth && !box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", "Table (scrolls sideways)");
        }
      });
  }

  /* Search results: Sphinx shows the text around the first match in the page's
   * [role=main] element. In this theme that element also holds the header buttons
   * (".md" / ".ipynb" download links) and the "Contents" list of headings, so the snippet
   * was often a heading list. Keep only the article itself. */
  function searchSnippetsFromArticle() {
    if (typeof Search === "undefined" || !Search.htmlToText || Search.mlproArticleOnly) {
      return;
    }
    var original = Search.htmlToText;
    Search.htmlToText = function (htmlString, anchor) {
      var doc = new DOMParser().parseFromString(htmlString, "text/html");
      var main = doc.querySelector('[role="main"]');
      var article = doc.querySelector("article.bd-article");
      if (!main || !article) {
        return original(htmlString, anchor);
      }
      article.querySelectorAll(".headerlink, script, style").forEach(function (el) {
        el.remove();
      });
      main.replaceChildren(article);
      return original(doc.documentElement.outerHTML, anchor);
    };
    Search.mlproArticleOnly = true;
  }

  searchSnippetsFromArticle();

  function onReady() {
    nameNavigationToggles();
    labelPrimarySidebar();
    wrapWideTables();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onReady);
  } else {
    onReady();
  }
})();
