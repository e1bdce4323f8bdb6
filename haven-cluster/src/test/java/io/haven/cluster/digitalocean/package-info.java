/** A local emulator of DigitalOcean's floating IP API and droplet metadata service, for tests (shipped in the test-jar). */
package io.haven.cluster.digitalocean;
