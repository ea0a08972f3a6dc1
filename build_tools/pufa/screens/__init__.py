"""Screens: playlists for big screens and touch kiosks (content/screens/NAME.yml)."""
