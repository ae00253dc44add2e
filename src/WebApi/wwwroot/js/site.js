// Progressive enhancement only: every page works without this script.
(function () {
  // Slug pre-fill: while the slug field is untouched, it follows the name as you type.
  document.querySelectorAll("[data-slug-from]").forEach(function (slug) {
    var name = document.getElementById(slug.getAttribute("data-slug-from"));
    if (!name) return;
    var touched = slug.value.length > 0;
    slug.addEventListener("input", function () { touched = slug.value.length > 0; });
    name.addEventListener("input", function () {
      if (touched) return;
      slug.value = name.value.normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
        .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 140).replace(/-+$/, "");
    });
  });
  // Confirm dialogs for destructive buttons (the server still asks on its own confirmation page).
  document.querySelectorAll("[data-confirm]").forEach(function (el) {
    el.addEventListener("click", function (e) {
      if (!window.confirm(el.getAttribute("data-confirm"))) e.preventDefault();
    });
  });
})();
