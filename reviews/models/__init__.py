"""Models of the reviews app, one module per concern."""

from reviews.models.episodes import Episode, EpisodePaper, episode_code_validator
from reviews.models.generations import Generation
from reviews.models.glossary import GlossaryTerm
from reviews.models.pages import (
    EpisodeIndexPage,
    GlossaryPage,
    TopicAnchorEpisode,
    TopicIndexPage,
    TopicReviewPage,
)

__all__ = [
    "Episode",
    "EpisodeIndexPage",
    "EpisodePaper",
    "Generation",
    "GlossaryPage",
    "GlossaryTerm",
    "TopicAnchorEpisode",
    "TopicIndexPage",
    "TopicReviewPage",
    "episode_code_validator",
]
