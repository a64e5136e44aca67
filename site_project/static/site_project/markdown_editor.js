// Options for wagtail-markdown's editor (EasyMDE), read when each editor starts.
// The spell checker would fetch its dictionaries from a CDN, which the admin's
// Content-Security-Policy (site_project/security.py) does not allow.
window.wagtailMarkdown = window.wagtailMarkdown || {};
window.wagtailMarkdown.options = Object.assign(window.wagtailMarkdown.options || {}, {
    spellChecker: false,
});
