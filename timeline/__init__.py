"""What the dashboard shows: pure functions from the tidy frame to views, labels and Altair charts.

``dashboard.py`` only lays these out with Streamlit; everything here is plain
Python and pandas, so the tests call it directly.
"""
