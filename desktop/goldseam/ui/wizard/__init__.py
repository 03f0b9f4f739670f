"""The five-step repair wizard."""
