from .media import (
    CoverageEntry,
    JournalistContact,
    Pitch,
    PlannedPublication,
    SpeakerRequest,
    Subscriber,
    Talk,
)
from .pages import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticleKind,
    ArticlePage,
    MediaKitItem,
    PressRoomPage,
    PublicationAuthor,
    PublicationPage,
    SeriesPage,
)
from .taxonomy import Author, Topic

__all__ = [
    "ArticleAuthor",
    "ArticleIndexPage",
    "ArticleKind",
    "ArticlePage",
    "Author",
    "CoverageEntry",
    "JournalistContact",
    "MediaKitItem",
    "Pitch",
    "PlannedPublication",
    "PressRoomPage",
    "PublicationAuthor",
    "PublicationPage",
    "SeriesPage",
    "SpeakerRequest",
    "Subscriber",
    "Talk",
    "Topic",
]
