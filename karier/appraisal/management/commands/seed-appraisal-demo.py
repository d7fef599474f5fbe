from karier.appraisal.management.commands.seed_appraisal_demo import Command

__all__ = ["Command"]
