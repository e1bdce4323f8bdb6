package io.haven.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SHA-crypt against the vectors of Drepper's specification, as 'openssl passwd -5/-6' also prints them. */
class ShaCryptTest {
    @Test
    void sha256CryptVectors() {
        assertThat(ShaCrypt.crypt("Hello world!", "$5$saltstring"))
                .isEqualTo("$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5");
        assertThat(ShaCrypt.crypt("Hello world!", "$5$rounds=10000$saltstringsaltstring"))
                .isEqualTo("$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA");
    }

    @Test
    void sha512CryptVectors() {
        assertThat(ShaCrypt.crypt("Hello world!", "$6$saltstring"))
                .isEqualTo("$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1");
        assertThat(ShaCrypt.crypt("Hello world!", "$6$rounds=10000$saltstringsaltstring"))
                .isEqualTo("$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.");
    }

    @Test
    void verifyAcceptsTheRightPasswordOnly() {
        String hash = "$6$pepper$3bB4coFUHuAiGWfmL5mMzIauhrqm.atVnBli6RlAM42CD8ZVtnfehNntWcM0B2SQDMuCExFdqT84oZk9oEOAv/";
        assertThat(ShaCrypt.verify("s3cret", hash)).isTrue();
        assertThat(ShaCrypt.verify("s3cret!", hash)).isFalse();
        assertThat(ShaCrypt.verify("s3cret", "$1$pepper$x")).isFalse();
        assertThat(ShaCrypt.supports("plain")).isFalse();
    }
}
