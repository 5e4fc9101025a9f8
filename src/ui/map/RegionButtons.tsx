import { memo } from 'react';
import { regionAccessibleName } from '../../map/labels';
import type { RegionInfo } from '../../protocol/messages';

/**
 * One transparent button per region, laid over its hexagon. React renders them once; their
 * names, positions and pressed state are then written by {@link RegionOverlay} as frames arrive.
 */
export const RegionButtons = memo(function RegionButtons({ regions }: { regions: readonly RegionInfo[] }) {
  return regions.map((region, i) => (
    <button
      key={region.name}
      type="button"
      className="map-hex"
      data-index={i}
      data-region={region.name}
      tabIndex={i === 0 ? 0 : -1}
      aria-pressed="false"
      aria-label={regionAccessibleName(region, undefined)}
    />
  ));
});
