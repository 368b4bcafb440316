/* Site chrome for the study guide (added by mlpro_guide/site/styles.py). */
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

  /* Tables the theme did not wrap (raw HTML such as the exam map) scroll inside a
   * container of their own, so the page never gets wider than a phone. Tables already in
   * a scrolling box (notebook outputs) are left alone. */
  function scrollsSideways(element) {
    var overflow = getComputedStyle(element).overflowX;
    return overflow === "auto" || overflow === "scroll";
  }
  function wrapWideTables() {
    document.querySelectorAll(".bd-article table").forEach(function (table) {
      for (var box = table.parentElement; box && !box.matches(".bd-article"); box = box.parentElement) {
        if (scrollsSideways(box)) {
          return;
        }
      }
      var wrapper = document.createElement("div");
      wrapper.className = "mlpro-table-scroll";
      table.parentNode.insertBefore(wrapper, table);
      wrapper.appendChild(table);
    });
  }

  /* A box that scrolls must be reachable by keyboard to be scrolled without a mouse
   * (axe: scrollable-region-focusable), and then needs a name of its own (axe:
   * landmark-unique). */
  function makeScrollingBoxesFocusable() {
    var count = 0;
    document
      .querySelectorAll(".bd-article .mlpro-table-scroll, .bd-article .pst-scrollable-table-container, .bd-article div.cell_output .output")
      .forEach(function (box) {
        if (box.scrollWidth > box.clientWidth && box.tabIndex < 0) {
          box.tabIndex = 0;
        }
        if (box.tabIndex === 0 && !box.hasAttribute("role")) {
          box.setAttribute("role", "region");
          count += 1;
          var kind = box.querySelector("table") ? "Table " : "Output ";
          box.setAttribute("aria-label", kind + count + ", scrolls sideways");
        }
      });
  }

  /* pandas writes the corner cell above a DataFrame's index as an empty <th>; a header
   * cell needs text (axe: empty-table-header). Name it for screen readers only. */
  function nameEmptyDataFrameHeaders() {
    document.querySelectorAll(".bd-article table.dataframe th").forEach(function (th) {
      if (!th.textContent.trim()) {
        var label = document.createElement("span");
        label.className = "visually-hidden";
        label.textContent = "Index";
        th.appendChild(label);
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
    makeScrollingBoxesFocusable();
    nameEmptyDataFrameHeaders();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onReady);
  } else {
    onReady();
  }
})();
