from karier.people.management.commands.seed_demo import Command

__all__ = ["Command"]
