from django import template

from wsr.site.markdown import markdown_filter

register = template.Library()

# The site's one `markdown` filter (as coordination_text's): a request's text or a company's
# response, through nh3's safe set.
markdown = register.filter("markdown", markdown_filter)
