//! The job's parameters, as the Python side passes them (JSON), checked once per
//! batch into what the library's stages take.

use dupdrift::align::AlignParams;
use dupdrift::analyze::{Depth, LanguageChoice};
use dupdrift::ingest::Limits;
use dupdrift::neardup::lsh::Banding;
use dupdrift::neardup::sketch::{SketchParams, Sketcher};
use pyo3::exceptions::PyValueError;
use pyo3::PyResult;
use serde::Deserialize;

/// The parameters of `scan` that the stages read; the names of its flags.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub threshold: f64,
    pub shingle_size: usize,
    pub permutations: usize,
    pub seed: u64,
    pub lang: String,
    /// `all` or `pairs`.
    pub stages: String,
    pub max_article_mb: u64,
    pub align_threshold: f64,
    pub list_groups_up_to: usize,
    pub min_docs: usize,
    /// The sentences of the corpus aligned, once counted (the statistics' `N`).
    #[serde(default)]
    pub sentences: u64,
}

/// [`Settings`] made into the library's values.
pub struct Stage {
    pub threshold: f64,
    pub sketcher: Sketcher,
    pub banding: Banding,
    pub language: LanguageChoice,
    pub depth: Depth,
    pub limits: Limits,
    pub align: AlignParams,
    pub min_docs: usize,
    pub sentences: u64,
}

impl Stage {
    pub fn parse(json: &str) -> PyResult<Stage> {
        let s: Settings = serde_json::from_str(json)
            .map_err(|e| PyValueError::new_err(format!("settings: {e}")))?;
        let bad = |e: dupdrift::Error| PyValueError::new_err(e.to_string());
        let sketch = SketchParams::new(s.shingle_size, s.permutations, s.seed).map_err(bad)?;
        let banding = Banding::for_threshold(s.threshold, s.permutations).map_err(bad)?;
        let language = LanguageChoice::parse(&s.lang)
            .ok_or_else(|| PyValueError::new_err(format!("unknown language {:?}", s.lang)))?;
        let depth = match s.stages.as_str() {
            "all" => Depth::Full,
            "pairs" => Depth::Pairs,
            other => {
                return Err(PyValueError::new_err(format!(
                    "stages must be all or pairs, got {other:?}"
                )))
            }
        };
        Ok(Stage {
            threshold: s.threshold,
            sketcher: Sketcher::new(sketch),
            banding,
            language,
            depth,
            limits: Limits {
                article_bytes: s.max_article_mb << 20,
                ..Limits::default()
            },
            align: AlignParams {
                min_similarity: s.align_threshold,
                listed: s.list_groups_up_to,
            },
            min_docs: s.min_docs,
            sentences: s.sentences,
        })
    }
}
