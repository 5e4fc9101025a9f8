import { CLUSTER_FILL } from '../../map/cluster-pins';
import { useId } from 'react';
import { MAP_THEMES, TRANSFER_LABELS } from '../../map/theme';
import { useUiStore } from '../store/ui-store';
import { HEX, Hex, Item, Line, Mark, Ring, ThrottleSwatch } from './LegendSwatches';
import './map.css';

/**
 * Explains every mark and colour the map uses, in the current theme's colours. Folded by default
 * so it does not hide the southern regions; one click opens it.
 */
export function MapLegend({ defaultOpen = false }: { readonly defaultOpen?: boolean }) {
  const t = MAP_THEMES[useUiStore((s) => s.theme)];
  const hatchId = useId();
  return (
    <aside className="map-legend" aria-label="Map legend">
      <details open={defaultOpen}>
        <summary>Legend</summary>
        <div className="map-legend-body">
          <div>
            <h2>Regions</h2>
            <ul>
              <Item icon={<Hex paint={t.home} />}>Home region (a replica)</Item>
              <Item icon={<Hex paint={t.available} />}>Available for a replica</Item>
              <Item icon={<Hex paint={t.unavailable} />}>Unavailable (restricted)</Item>
              <Item
                icon={
                  <svg viewBox="0 0 28 24" aria-hidden="true">
                    <polygon points={HEX} fill={t.available.fill} stroke={t.outage.fill} strokeWidth="2" />
                    <path d="M14 7.5 L18.5 15.5 L9.5 15.5 Z" fill={t.outage.fill} />
                  </svg>
                }
              >
                Region outage (all registries)
              </Item>
              <Item icon={<Line colour={t.leader} />}>Nudged hexagon → true place</Item>
              <Item
                icon={
                  <svg viewBox="0 0 28 24" aria-hidden="true">
                    <polygon points={HEX} fill={t.available.fill} stroke={t.selected} strokeWidth="2.5" />
                  </svg>
                }
              >
                Selected region
              </Item>
            </ul>
          </div>
          <div>
            <h2>Replicas</h2>
            <ul>
              <Item icon={<Hex paint={t.replica}>{<Mark text="12" colour={t.replica.text} />}</Hex>}>
                Ready (number = tags)
              </Item>
              <Item
                icon={
                  <Hex paint={t.replica} fillOpacity={0.35}>
                    <defs>
                      <pattern
                        id={hatchId}
                        width="4"
                        height="4"
                        patternUnits="userSpaceOnUse"
                        patternTransform="rotate(45)"
                      >
                        <line x1="0" y1="0" x2="0" y2="4" stroke={t.hatch} strokeWidth="1.5" />
                      </pattern>
                    </defs>
                    <polygon points={HEX} fill={`url(#${hatchId})`} />
                    <Ring colour={t.creatingRing} theme={t} progress={40} />
                  </Hex>
                }
              >
                Creating (hatched, ring = progress)
              </Item>
              <Item
                icon={
                  <Hex paint={t.replica} fillOpacity={0.65}>
                    {<Ring colour={t.syncingRing} theme={t} progress={75} />}
                  </Hex>
                }
              >
                Initial sync (ring = copied)
              </Item>
              <Item
                icon={
                  <Hex paint={t.replica}>
                    <ThrottleSwatch theme={t} />
                  </Hex>
                }
              >
                Reads/min ÷ budget (red: 429s)
              </Item>
              <Item icon={<Hex paint={t.replica} dashed={t.excluded} />}>Excluded from global routing</Item>
              <Item icon={<Hex paint={t.outage}>{<Mark text="!" colour={t.outage.text} />}</Hex>}>
                Outage
              </Item>
              <Item icon={<Hex paint={t.degraded}>{<Mark text="!" colour={t.degraded.text} />}</Hex>}>
                Recovered, awaiting failback
              </Item>
              <Item
                icon={
                  <Hex paint={t.replica} opacity={0.45}>
                    {<Mark text="✕" colour={t.label} />}
                  </Hex>
                }
              >
                Deleting
              </Item>
            </ul>
          </div>
          <div>
            <h2>Activity</h2>
            <ul>
              <Item icon={<Line colour={t.transfers[0]} dot />}>{TRANSFER_LABELS.replication}</Item>
              <Item icon={<Line colour={t.transfers[1]} dot />}>{TRANSFER_LABELS.sync}</Item>
              <Item icon={<Line colour={t.transfers[2]} dot />}>{TRANSFER_LABELS.upload}</Item>
              <Item icon={<Line colour={t.transfers[3]} dot />}>{TRANSFER_LABELS.download}</Item>
              <Item
                icon={
                  <svg viewBox="0 0 28 24" aria-hidden="true">
                    <rect x="6" y="6" width="16" height="12" rx="6" fill={t.pendingBadge.fill} />
                    <Mark text="3" colour={t.pendingBadge.text} />
                  </svg>
                }
              >
                Replication jobs pending
              </Item>
              <Item
                icon={
                  <svg viewBox="0 0 28 24" aria-hidden="true">
                    <line x1="14" y1="22" x2="14" y2="10" stroke={t.pin.fill} strokeWidth="2" />
                    <circle cx="14" cy="8" r="6" fill={t.pin.fill} stroke={t.pin.stroke} strokeWidth="1.5" />
                  </svg>
                }
              >
                Client (docker host)
              </Item>
              <Item
                icon={
                  <svg viewBox="0 0 28 24" aria-hidden="true">
                    <line x1="14" y1="22" x2="14" y2="10" stroke={CLUSTER_FILL} strokeWidth="2" />
                    <polygon
                      points="14,2 19.5,4.7 20.8,10.6 17.1,15.4 10.9,15.4 7.2,10.6 8.5,4.7"
                      fill={CLUSTER_FILL}
                      stroke={t.pin.stroke}
                      strokeWidth="1.5"
                    />
                    <circle cx="14" cy="9" r="2" fill="#ffffff" />
                  </svg>
                }
              >
                Kubernetes cluster, ready pods (e.g. 3/3)
              </Item>
              <Item icon={<Line colour={t.servingLine} dash="4 3" />}>Replica serving the client</Item>
            </ul>
          </div>
        </div>
      </details>
    </aside>
  );
}
