import { DoubleSide, MeshStandardMaterial } from 'three';

/**
 * Module-level, shared by every plant and every mesh: one material per look keeps the number of
 * shader programs and state changes constant however many stations a plant has.
 */
export const EQUIPMENT_MATERIAL = new MeshStandardMaterial({ vertexColors: true, roughness: 0.65, metalness: 0.25 });
export const PRODUCT_MATERIAL = new MeshStandardMaterial({ color: '#ffffff', roughness: 0.7, metalness: 0.05 });
export const FLOOR_MATERIAL = new MeshStandardMaterial({ color: '#cfd2d5', roughness: 1, metalness: 0, side: DoubleSide });
