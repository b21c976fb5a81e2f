// Loading these modules registers every action.
import './site.js';
import './package.js';
import './resource.js';
import './group.js';
import './user.js';
import './tag.js';
import './activity.js';
import '../modules/datastore/actions.js';
