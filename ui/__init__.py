"""Streamlit helpers of app.py and pages/, split by job: widgets only; the work is in geo/."""
