// Leaflet.markercluster extends the global L: set it before the plugin's module runs.
import L from 'leaflet';
window.L = L;
export default L;
