"""The data every stage shares: Document, Profile and Report, Settings, errors."""
