"""The development app's models, one module per topic; each is imported here so Django finds it."""

from karier.development.models.catalogue import *  # noqa: F403
from karier.development.models.competency import *  # noqa: F403
from karier.development.models.jp import *  # noqa: F403
