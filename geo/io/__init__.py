"""Reading seeds and sidecars; the one schema of the layers, its reader and its writer."""
