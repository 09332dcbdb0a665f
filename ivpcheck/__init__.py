"""ivpcheck: score a Dutch Integraal Veiligheidsplan against the CCV checklist."""

__version__ = "0.1.0"
