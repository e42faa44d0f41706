"""The service: settings, models, routes, and the application factory in main.py."""
