'use client';
import { createContext, type ReactNode, useContext } from 'react';

const ViewerContext = createContext('');

/** The signed-in user's id for client components that remember things per user in this browser. */
export function ViewerProvider({ userId, children }: { userId: string; children: ReactNode }) {
  return <ViewerContext.Provider value={userId}>{children}</ViewerContext.Provider>;
}

export const useViewerId = () => useContext(ViewerContext);
