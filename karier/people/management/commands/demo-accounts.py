from karier.people.management.commands.demo_accounts import Command

__all__ = ["Command"]
