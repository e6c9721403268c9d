import { forecastScript } from '../../src-main/host/forecast-process';
import { BUILT_MAIN_DIR, freshBuild } from './fresh-build';

/** The built forecast process the service starts. */
export const builtForecastScript = (): string => freshBuild(forecastScript(BUILT_MAIN_DIR), 'sim/forecast');
