/** Entry of the forms playground page. */
import './TbPlayground.js';
