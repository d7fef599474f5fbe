from karier.people.management.commands.load_refdata import Command

__all__ = ["Command"]
