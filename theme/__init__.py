"""Onrecord's MkDocs theme, shipped inside the package and registered as the theme `onrecord`."""
