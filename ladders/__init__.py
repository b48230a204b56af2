"""The bundled ladder data (YAML): markets/, companies/, families/ and crosswalks/; see README.md."""
