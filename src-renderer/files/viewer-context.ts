// The open conversation's images, for the viewer: a bubble's thumbnail opens the viewer on its message,
// and the arrows go to the previous and next image of the same conversation.
import { createContext, useContext } from 'react';

export interface ViewerContext {
  open(messageId: number): void;
}

const Viewer = createContext<ViewerContext>({ open: () => undefined });

export const ViewerContextProvider = Viewer.Provider;

export function useViewer(): ViewerContext {
  return useContext(Viewer);
}
