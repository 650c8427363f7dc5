//! Small widgets of our own: the slider and text bars and sparklines.

pub mod bar;
pub mod slider;
