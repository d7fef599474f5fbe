"""The development app's models, one module per topic; each is imported here so Django finds it."""

from karier.development.models.catalogue import *  # noqa: F403
from karier.development.models.competency import *  # noqa: F403
from karier.development.models.exchange import *  # noqa: F403
from karier.development.models.feedback import *  # noqa: F403
from karier.development.models.idp import *  # noqa: F403
from karier.development.models.jp import *  # noqa: F403
from karier.development.models.level_change import *  # noqa: F403
from karier.development.models.recommend import *  # noqa: F403
