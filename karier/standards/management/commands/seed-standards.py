from karier.standards.management.commands.seed_standards import Command

__all__ = ["Command"]
