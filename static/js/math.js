// Renders LaTeX with the vendored KaTeX: inline .arithmatex spans (from
// markdown's $...$) and display .math.display / div.arithmatex blocks.
(function () {
  "use strict";
  function strip(text) {
    var t = text.trim();
    var pairs = [["\\(", "\\)"], ["\\[", "\\]"], ["$$", "$$"], ["$", "$"]];
    for (var i = 0; i < pairs.length; i++) {
      var open = pairs[i][0], close = pairs[i][1];
      if (t.indexOf(open) === 0 && t.slice(-close.length) === close) {
        return t.slice(open.length, t.length - close.length);
      }
    }
    return t;
  }
  function render() {
    if (!window.katex) { return; }
    var nodes = document.querySelectorAll(".arithmatex, .math.display");
    Array.prototype.forEach.call(nodes, function (node) {
      var display = node.tagName === "DIV";
      try {
        window.katex.render(strip(node.textContent), node, {
          displayMode: display, throwOnError: false, output: "htmlAndMathml"
        });
      } catch (error) {
        node.classList.add("math-error");
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", render);
  } else {
    render();
  }
})();
