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

  /* Search results. Sphinx's snippet is the 240 characters around the first match of a
   * *stemmed* search word in the page's [role=main] text; that goes wrong in three ways
   * here: [role=main] also holds the header buttons, the "Contents" list and the
   * where-am-I line; an identifier's stem is not in the text ("mlflowsparkstudi" for
   * MlflowSparkStudy), so the snippet fell back to the top of the page; and the first
   * match is often inside a code block. The snippet is taken instead from the passage of
   * the article (a paragraph, list item, table cell, question...) that best matches the
   * words as typed: the whole phrase first, then the most words, sentences before
   * headings, prose before code. */
  var SNIPPET_LENGTH = 240;
  /* The page title is the result's own link; a heading, a term or a header cell is a
   * label, so a sentence that holds the same words is the better snippet. */
  var PASSAGES = "p, li, dt, dd, th, td, legend, figcaption, h2, h3, h4, pre";
  var LABELS = "dt, th, h2, h3, h4";
  var NOT_SNIPPETS = ".headerlink, script, style, .mlpro-whereami, .mlpro-next-chapter, .mlpro-fallback";

  function normalised(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  function queryWords(keywords) {
    var query = new URLSearchParams(window.location.search).get("q") || "";
    var words = query.toLowerCase().split(/\s+/).filter(function (word) {
      return word && word.charAt(0) !== "-";
    });
    /* The stems Sphinx searched with also match (a plural, a verb form). */
    (keywords ? Array.from(keywords) : []).forEach(function (stem) {
      if (stem && words.indexOf(stem.toLowerCase()) < 0) {
        words.push(stem.toLowerCase());
      }
    });
    return { phrase: normalised(query.toLowerCase()), words: words };
  }

  /* The article's passages, innermost only (a list item's paragraph, not the item too). */
  function passagesOf(htmlString, anchor) {
    var doc = new DOMParser().parseFromString(htmlString, "text/html");
    var scope = doc.querySelector("article.bd-article") || doc.querySelector('[role="main"]');
    if (!scope) {
      return [];
    }
    scope.querySelectorAll(NOT_SNIPPETS).forEach(function (el) {
      el.remove();
    });
    if (anchor) {
      try {
        scope = scope.querySelector(anchor) || scope;
      } catch (error) {
        /* An anchor that is not a valid selector: search the whole article. */
      }
    }
    return Array.from(scope.querySelectorAll(PASSAGES))
      .filter(function (el) {
        return el.matches("pre") || !el.querySelector(PASSAGES);
      })
      .map(function (el) {
        return {
          text: normalised(el.textContent),
          code: el.matches("pre, pre *"),
          label: el.matches(LABELS),
        };
      })
      .filter(function (passage) {
        return passage.text;
      });
  }

  function bestMatch(passages, query) {
    var best = null;
    passages.forEach(function (passage) {
      var lower = passage.text.toLowerCase();
      var found = query.words.filter(function (word) {
        return lower.indexOf(word) >= 0;
      });
      if (!found.length) {
        return;
      }
      var phraseAt = query.phrase ? lower.indexOf(query.phrase) : -1;
      var score = (phraseAt >= 0 ? 100 : 0) + 10 * found.length - (passage.code ? 50 : 0) -
        (passage.label ? 5 : 0);
      if (!best || score > best.score) {
        var at = phraseAt >= 0 ? phraseAt : Math.min.apply(null, found.map(function (word) {
          return lower.indexOf(word);
        }));
        best = { score: score, text: passage.text, at: at };
      }
    });
    return best;
  }

  function snippetOf(match) {
    var text = match.text;
    if (text.length <= SNIPPET_LENGTH) {
      return text;
    }
    var start = Math.max(0, Math.min(match.at - 80, text.length - SNIPPET_LENGTH));
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < match.at ? space + 1 : start;
    }
    var end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end < text.length) {
      var lastSpace = text.lastIndexOf(" ", end);
      end = lastSpace > match.at ? lastSpace : end;
    }
    return (start > 0 ? "..." : "") + text.slice(start, end) + (end < text.length ? "..." : "");
  }

  function searchSnippetsFromPassages() {
    if (typeof Search === "undefined" || !Search.makeSearchSummary || Search.mlproPassages) {
      return;
    }
    var original = Search.makeSearchSummary;
    Search.makeSearchSummary = function (htmlText, keywords, anchor) {
      var match = bestMatch(passagesOf(htmlText, anchor), queryWords(keywords));
      if (!match && anchor) {
        match = bestMatch(passagesOf(htmlText, ""), queryWords(keywords));
      }
      if (!match) {
        return original(htmlText, keywords, anchor);
      }
      var summary = document.createElement("p");
      summary.classList.add("context");
      summary.textContent = snippetOf(match);
      return summary;
    };
    Search.mlproPassages = true;
  }

  /* Without a matching passage, Sphinx's own snippet still comes from the article only. */
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
      article.querySelectorAll(NOT_SNIPPETS).forEach(function (el) {
        el.remove();
      });
      main.replaceChildren(article);
      return original(doc.documentElement.outerHTML, anchor);
    };
    Search.mlproArticleOnly = true;
  }

  searchSnippetsFromArticle();
  searchSnippetsFromPassages();

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
