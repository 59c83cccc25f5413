//! The floating windows over the main view, and which one Esc closes: the
//! one on top. egui keeps the windows' back-to-front order (a click raises
//! a window), so each window is shown with a fixed id from here and Esc
//! looks its layer up in that order.

use egui::{Id, LayerId, Order};

/// A window shown over the main view that Esc can close.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Floating {
    /// View › Codebook….
    Codebook,
    /// View › Actors….
    Actors,
    /// File › Export….
    Export,
    /// View › Overview.
    Overview,
    /// View › Actor network.
    Network,
    /// File › Restore earlier version….
    Backups,
    /// Help › Guide.
    Guide,
}

impl Floating {
    /// The id to show the window with (`egui::Window::id`), so its layer
    /// can be found in egui's order of windows.
    pub fn id(self) -> Id {
        Id::unique(("newscoder-window", self))
    }

    /// The window's layer.
    pub fn layer(self) -> LayerId {
        LayerId::new(Order::Middle, self.id())
    }
}

/// Of the `open` windows, the one drawn on top: the last of them in egui's
/// back-to-front order of layers. A window not in that order yet was opened
/// this frame, and a new window opens on top.
pub fn topmost(ctx: &egui::Context, open: &[Floating]) -> Option<Floating> {
    if let Some(new) = open
        .iter()
        .copied()
        .find(|w| !ctx.memory(|m| m.layer_ids().any(|l| l == w.layer())))
    {
        return Some(new);
    }
    ctx.memory(|m| {
        m.layer_ids()
            .filter_map(|l| open.iter().copied().find(|w| w.layer() == l))
            .last()
    })
}
