"""GFM task lists (``- [x] done``) shown as ☑/☐, not as form controls.

The sanitiser allows no ``<input>``: a disabled checkbox is a form control a
reader cannot use, and a ballot-box character says the same without one.
"""

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.tasklists import tasklists_plugin


def _boxes(state: StateCore) -> None:
    for token in state.tokens:
        for child in token.children or []:
            if child.type == "html_inline" and "task-list-item-checkbox" in (
                child.content
            ):
                checked = 'checked="checked"' in child.content
                child.type = "text"
                child.content = "☑" if checked else "☐"


def tasks_plugin(md: MarkdownIt) -> None:
    md.use(tasklists_plugin)
    md.core.ruler.after("github-tasklists", "scholia_task_boxes", _boxes)
