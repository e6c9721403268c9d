import { useTwinStore } from '../store/twin-store';
import { translate, type StringKey } from './strings';

export function useT(): (key: StringKey) => string {
  const lang = useTwinStore((s) => s.lang);
  return (key) => translate(lang, key);
}
