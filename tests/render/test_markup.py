import markdown
import pytest

from generator.render.markup import link, md, md_lines

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "def_list", "toc", "pymdownx.escapeall"]
HOSTILE = 'Nguyễn <script>alert(1)</script> *x* [a](b) | # _y_ `c` {: #id } a&b \\ ![i](j) <!-- c -->'


def render(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS)


@pytest.mark.parametrize("template", ["# {}", "{}", "| a | b |\n|---|---|\n| {} | 2 |", "- {}"])
def test_text_from_the_data_renders_as_itself_wherever_it_lands(template):
    html = render(template.format(md(HOSTILE)))
    assert "<script" not in html and "<em>" not in html and "<a " not in html and "<img" not in html
    assert "<code>" not in html and "<!--" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *x* [a](b) | # _y_ `c` {: #id } a&amp;b \\" in html


def test_a_table_cell_stays_one_cell_even_with_pipes_and_newlines():
    html = render("| a | b |\n|---|---|\n| " + md("x | y\nz") + " | 2 |")
    assert html.count("<td>") == 2


def test_multiline_notes_keep_their_lines():
    assert render(md_lines("dòng một\n*dòng hai*")).count("<br />") == 1


def test_a_link_escapes_its_text_only():
    assert str(link("A [b]", "../x.md")) == "[A \\[b\\]](../x.md)"
