'use client';
import { createContext, useContext } from 'react';
import type { BuilderVocabulary } from '@/lib/services/segments';

export type ProductName = { id: number; title: string; titleZh: string | null };

/** What every editor of the builder reads: the pickers' vocabulary and the segment being edited (for references). */
export type Builder = {
  vocab: BuilderVocabulary;
  segmentId?: number;
  products: Map<number, ProductName>;
  rememberProduct: (p: ProductName) => void;
  depthLimit: number;
};

const BuilderContext = createContext<Builder | null>(null);
export const BuilderProvider = BuilderContext.Provider;

export function useBuilder(): Builder {
  const b = useContext(BuilderContext);
  if (!b) throw new Error('useBuilder must be used inside the segment builder');
  return b;
}

/** The compact form-control look of the builder rows. */
export const CONTROL =
  'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-500/40 focus:outline-none disabled:bg-slate-50';
