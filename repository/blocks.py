from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from wsr.site.blocks import HeadingBlock, QuoteBlock


class KeyTakeawaysBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), default=_("Key takeaways"))
    items = blocks.ListBlock(blocks.CharBlock(label=_("Takeaway")), label=_("Takeaways"))

    class Meta:
        icon = "list-ul"
        template = "repository/blocks/key_takeaways.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "doc-full"
        template = "repository/blocks/document.html"


class ResourceBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"],
        template="site/blocks/paragraph.html",
    )
    quote = QuoteBlock()
    key_takeaways = KeyTakeawaysBlock()
    image = ImageBlock(label=_("Image"), template="site/blocks/image.html")
    document = DocumentBlock()
    embed = EmbedBlock(label=_("Embed"), template="repository/blocks/embed.html")
