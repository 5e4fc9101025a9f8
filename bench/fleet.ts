/**
 * The standard fleet of issue 8, shared by the fleet-day benchmark (headless, 24 hours) and the UI
 * benchmark's fleet scene (the dashboard at 3600×): where its replicas are and how it is loaded.
 */

/** 20 regions on every continent, the home region first. */
export const FLEET_REGIONS = [
  'eastus',
  'eastus2',
  'centralus',
  'westus2',
  'canadacentral',
  'brazilsouth',
  'westeurope',
  'northeurope',
  'uksouth',
  'francecentral',
  'germanywestcentral',
  'swedencentral',
  'southafricanorth',
  'uaenorth',
  'centralindia',
  'southeastasia',
  'japaneast',
  'koreacentral',
  'australiaeast',
  'newzealandnorth',
];

/**
 * Three load generators, 10,000 pulls a minute in all: East US 5,000 and West Europe 3,000 through
 * the global endpoint, retrying with backoff, and Southeast Asia 2,000 through its regional
 * endpoint. `image(i)` names the repository and tag the i-th one pulls (`svc0:v1`).
 */
export function fleetLoadLines(registry: string, image: (i: number) => string): string[] {
  return [
    `sim load start us --location eastus --pulls-per-minute 5000 --retry backoff --image ${registry}.azurecr.io/${image(0)}`,
    `sim load start eu --location westeurope --pulls-per-minute 3000 --retry backoff --image ${registry}.azurecr.io/${image(1)}`,
    `sim load start asia --location southeastasia --pulls-per-minute 2000 --image ${registry}.southeastasia.geo.azurecr.io/${image(2)}`,
  ];
}
