import { describe, expect, it } from 'vitest';
import { arrowDirection, nearestInDirection } from './spatialNav';

//   0 (0,0)     1 (100,0)
//   2 (0,100)   3 (100,90)   4 (300,100)
const GRID = [0, 0, 100, 0, 0, 100, 100, 90, 300, 100];

describe('arrow-key navigation between hexagons', () => {
  it('moves to the nearest hexagon in line with the arrow', () => {
    expect(nearestInDirection(GRID, 5, 0, 'right')).toBe(1);
    expect(nearestInDirection(GRID, 5, 0, 'down')).toBe(2);
    expect(nearestInDirection(GRID, 5, 2, 'right')).toBe(3);
    expect(nearestInDirection(GRID, 5, 3, 'right')).toBe(4);
    expect(nearestInDirection(GRID, 5, 3, 'up')).toBe(1);
    expect(nearestInDirection(GRID, 5, 4, 'left')).toBe(3);
  });

  it('stays put at the edge', () => {
    expect(nearestInDirection(GRID, 5, 0, 'left')).toBe(-1);
    expect(nearestInDirection(GRID, 5, 0, 'up')).toBe(-1);
    expect(nearestInDirection(GRID, 5, -1, 'up')).toBe(-1);
  });

  it('maps arrow keys to directions', () => {
    expect(arrowDirection('ArrowLeft')).toBe('left');
    expect(arrowDirection('ArrowDown')).toBe('down');
    expect(arrowDirection('Enter')).toBeUndefined();
  });
});
