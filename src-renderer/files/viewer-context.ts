// The open conversation's images, for the viewer: a bubble's thumbnail opens the viewer on its message,
// and the arrows go to the previous and next image of the same conversation. Also what this app removed
// from the photos it sent in this run, for the note under them.
import { createContext, useContext } from 'react';
import type { MetadataRemoved } from '../../src-shared/ipc';

export interface ViewerContext {
  open(messageId: number): void;
  metadataRemoved(messageId: number): MetadataRemoved | null;
}

const Viewer = createContext<ViewerContext>({ open: () => undefined, metadataRemoved: () => null });

export const ViewerContextProvider = Viewer.Provider;

export function useViewer(): ViewerContext {
  return useContext(Viewer);
}
