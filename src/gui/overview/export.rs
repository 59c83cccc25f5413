//! Saving a chart or the network for a report: SVG drawn from the same
//! figures (`crate::overview::svg`), or PNG: a screenshot of the next
//! frame (eframe's `ViewportCommand::Screenshot`) cropped to the plot and
//! written with the `image` crate. The screenshot arrives in a callback,
//! which reports back through a shared slot the window reads each frame.

use super::super::commands::Command;
use super::super::file_requests::{PickRequest, Purpose};
use crate::gui::file_requests::PlotSave;
use crate::overview::svg::{bar_chart_svg, network_svg};
use crate::overview::{ActorNetwork, BarChart};
use crate::session::StatusLine;
use egui::{ColorImage, Rect};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// File format of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    /// Scalable vector graphics.
    Svg,
    /// A bitmap of what the window shows.
    Png,
}

impl ImageFormat {
    fn ext(self) -> &'static str {
        match self {
            ImageFormat::Svg => "svg",
            ImageFormat::Png => "png",
        }
    }
}

/// Messages from exports (some finish in a callback, after the frame).
#[derive(Default)]
pub struct ExportState {
    message: Arc<Mutex<Option<StatusLine>>>,
}

/// "SVG" and "PNG" buttons; returns the one clicked.
pub fn buttons_ui(ui: &mut egui::Ui, what: &str) -> Option<ImageFormat> {
    let mut out = None;
    if ui
        .small_button("SVG")
        .on_hover_text(format!("Save the {what} plot as SVG"))
        .clicked()
    {
        out = Some(ImageFormat::Svg);
    }
    if ui
        .small_button("PNG")
        .on_hover_text(format!("Save the {what} plot as PNG"))
        .clicked()
    {
        out = Some(ImageFormat::Png);
    }
    out
}

/// Asks where to save a plot proposed as `stem`.
fn request(stem: &str, format: ImageFormat, plot: PlotSave) -> Command {
    Command::PickFile(PickRequest::save(
        "Save plot",
        format!("{stem}.{}", format.ext()),
        Some(format.ext()),
        Purpose::SavePlot(plot),
    ))
}

/// Saving `chart`, shown at `rect`, as `format`: asks where first.
pub fn chart_request(format: ImageFormat, chart: &BarChart, rect: Rect) -> Command {
    let plot = match format {
        ImageFormat::Svg => PlotSave::Svg(bar_chart_svg(chart)),
        ImageFormat::Png => PlotSave::Png(rect),
    };
    request(chart.kind.slug(), format, plot)
}

/// Saving the network (positions in the unit square), shown at `rect`,
/// as `format`: asks where first.
pub fn network_request(
    format: ImageFormat,
    net: &ActorNetwork,
    positions: &[[f32; 2]],
    rect: Rect,
) -> Command {
    let plot = match format {
        ImageFormat::Svg => PlotSave::Svg(network_svg(net, positions)),
        ImageFormat::Png => PlotSave::Png(rect),
    };
    request("actor-network", format, plot)
}

impl ExportState {
    fn say(&self, text: String, error: bool) {
        *self.message.lock().unwrap_or_else(PoisonError::into_inner) =
            Some(StatusLine { text, error });
    }

    /// A finished export's message for the status bar.
    pub fn take_message(&self) -> Option<StatusLine> {
        self.message
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    /// Writes `plot` to `path` (the file picked for it); the outcome
    /// shows in the status bar.
    pub fn save(&self, ctx: &egui::Context, plot: PlotSave, path: PathBuf) {
        match plot {
            PlotSave::Svg(svg) => self.write_svg(&path, &svg),
            PlotSave::Png(rect) => self.save_png(ctx, path, rect),
        }
    }

    fn write_svg(&self, path: &Path, svg: &str) {
        match crate::store::write_atomic(path, svg.as_bytes()) {
            Ok(()) => self.say(format!("Saved {}", path.display()), false),
            Err(e) => self.say(format!("Could not save {}: {e}", path.display()), true),
        }
    }

    /// Asks for a screenshot of the next frame and saves `rect` of it.
    pub fn save_png(&self, ctx: &egui::Context, path: PathBuf, rect: Rect) {
        let slot = self.message.clone();
        let ppp = ctx.pixels_per_point();
        ctx.request_screenshot(move |image| {
            let result = write_png(&path, &image, rect, ppp);
            let msg = match result {
                Ok(()) => StatusLine {
                    text: format!("Saved {}", path.display()),
                    error: false,
                },
                Err(e) => StatusLine {
                    text: format!("Could not save {}: {e}", path.display()),
                    error: true,
                },
            };
            *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(msg);
        });
        ctx.request_repaint();
    }
}

/// Crops `image` (physical pixels) to `rect` (points) and writes a PNG.
pub fn write_png(path: &Path, image: &ColorImage, rect: Rect, ppp: f32) -> Result<(), String> {
    let [w, h] = image.size;
    let x0 = ((rect.left() * ppp).round().max(0.0) as usize).min(w);
    let y0 = ((rect.top() * ppp).round().max(0.0) as usize).min(h);
    let x1 = ((rect.right() * ppp).round().max(0.0) as usize).min(w);
    let y1 = ((rect.bottom() * ppp).round().max(0.0) as usize).min(h);
    if x1 <= x0 || y1 <= y0 {
        return Err("the plot is not on screen".into());
    }
    let mut bytes = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        for px in &image.pixels[y * w + x0..y * w + x1] {
            bytes.extend_from_slice(&px.to_srgba_unmultiplied());
        }
    }
    let mut png = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut png),
        &bytes,
        (x1 - x0) as u32,
        (y1 - y0) as u32,
        image::ExtendedColorType::Rgba8,
    )
    .map_err(|e| e.to_string())?;
    crate::store::write_atomic(path, &png).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Color32, pos2};

    #[test]
    fn png_is_cropped_to_the_plot_in_physical_pixels() {
        let tmp = tempfile::tempdir().unwrap();
        let mut image = ColorImage::filled([20, 10], Color32::WHITE);
        // A red block at points (2..5, 1..3) with 2 pixels per point.
        for y in 2..6 {
            for x in 4..10 {
                image.pixels[y * 20 + x] = Color32::RED;
            }
        }
        let path = tmp.path().join("plot.png");
        let rect = Rect::from_min_max(pos2(2.0, 1.0), pos2(5.0, 3.0));
        write_png(&path, &image, rect, 2.0).unwrap();
        let back = image::load_from_memory(&std::fs::read(&path).unwrap())
            .unwrap()
            .to_rgba8();
        assert_eq!(back.dimensions(), (6, 4));
        assert!(back.pixels().all(|p| p.0 == [255, 0, 0, 255]));
        let off = Rect::from_min_max(pos2(50.0, 50.0), pos2(60.0, 60.0));
        assert!(write_png(&path, &image, off, 2.0).is_err());
    }
}
