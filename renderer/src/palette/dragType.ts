/** The drag-and-drop data type of a layer kind dragged from the palette. */
export const PALETTE_DRAG_TYPE = 'application/x-deepwire-kind';
