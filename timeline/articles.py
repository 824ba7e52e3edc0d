"""An article's text with its figures highlighted, as HTML that can hold no markup from the article.

Article text is untrusted: every character of it is escaped with
``html.escape`` before it is wrapped in our own ``<mark>`` tags, so a
``<script>`` or an ``onerror=`` in an article shows as plain characters. The
HTML is rendered with ``st.html`` (no Markdown pass), so Markdown tricks in
the text stay literal too.
"""

from __future__ import annotations

import html

import pandas as pd

from timeline.format import figure_label

STYLE = ("<style>.article-text{white-space:pre-wrap;font-family:inherit;line-height:1.6;border:1px solid #ddd;"
         "padding:1rem;border-radius:.5rem;max-height:32rem;overflow:auto}"
         ".article-text mark{background:#ffe08a;padding:0 .15em;border-radius:.2em}</style>")


def highlighted_html(text: str, figures: pd.DataFrame, style: str = "id") -> str:
    """The article's text, escaped, with each figure's characters (``start``..``end``) in a ``<mark>``."""
    parts = [STYLE, '<div class="article-text">']
    cursor = 0
    for row in figures.sort_values("start").itertuples():
        start, end = int(row.start), int(row.end)
        if start < cursor or end > len(text):
            continue
        label = figure_label(row.value, row.unit, row.per, row.qualifier, row.value_max, style)
        parts.append(html.escape(text[cursor:start]))
        parts.append(f'<mark title="{html.escape(f"{row.label}: {label}", quote=True)}">'
                     f"{html.escape(text[start:end])}</mark>")
        cursor = end
    parts.append(html.escape(text[cursor:]))
    parts.append("</div>")
    return "".join(parts)
